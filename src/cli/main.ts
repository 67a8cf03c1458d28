/** The lambda-advisor CLI entry point (placeholder until the CLI lands in this issue). */
export async function main(_argv: string[]): Promise<number> {
  return 1;
}
