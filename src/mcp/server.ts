/**
 * `lambda-advisor mcp`: the engine's tools (tools.ts) served over the Model Context Protocol on stdio,
 * with the official SDK. Protocol messages only on stdout; nothing else is printed there.
 *
 * Built on the SDK's low-level `Server` rather than `McpServer`: McpServer derives a tool's JSON
 * Schema from a zod schema and validates with it, reporting zod's raw issues as a protocol error.
 * Here the schema is the scenario's own JSON Schema (generated from the one zod schema, with its
 * descriptions) and validation is the engine's, whose messages name each field, returned as a tool
 * result with `isError: true` so the model can correct its input and call again.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { confinedHost } from './paths.ts';
import { runTool, TOOL_NAMES, toolSpec, toolSpecs, type ToolHost, type ToolOutcome } from './tools.ts';

export const SERVER_NAME = 'lambda-advisor';

const INSTRUCTIONS =
  'Lambda Design Advisor computes AWS Lambda designs, monthly costs and template findings offline, from sourced AWS limits ' +
  'and prices (no AWS account, nothing sent anywhere). Call `recommend` before writing Lambda configuration and quote its ' +
  'numbers; `cost` prices a scenario or a plain function; `lint` checks a SAM/CloudFormation template; `scaffold` returns ' +
  'project files without writing them. A scenario is the JSON of a *.lambda-advisor.json file; invalid input comes back ' +
  'as an error naming each field, to correct and retry.';

/** The tools as MCP lists them. */
export function mcpTools(): Tool[] {
  return toolSpecs().map((t) => ({
    name: t.name,
    title: t.title,
    description: t.description,
    inputSchema: t.inputSchema as Tool['inputSchema'],
    annotations: { title: t.title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  }));
}

/** A tool outcome as an MCP result: the text summary, and the CLI's JSON as structuredContent. */
export function toCallToolResult(outcome: ToolOutcome): CallToolResult {
  if (outcome.ok) return { content: [{ type: 'text', text: outcome.summary }], structuredContent: outcome.structured };
  return { content: [{ type: 'text', text: outcome.summary }], structuredContent: { errors: outcome.errors.map((e) => ({ ...e })) }, isError: true };
}

export interface McpOptions {
  readonly version: string;
  /** Where a relative path resolves, and the folder no path may leave. */
  readonly cwd: string;
  readonly host?: ToolHost;
}

export function createMcpServer(options: McpOptions): Server {
  const host = options.host ?? confinedHost(options.cwd);
  const server = new Server({ name: SERVER_NAME, title: 'Lambda Design Advisor', version: options.version }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  const tools = mcpTools();
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    // An unknown tool is a protocol error (the MCP spec); bad arguments are a tool result the model can act on.
    if (!toolSpec(request.params.name)) throw new McpError(ErrorCode.InvalidParams, `Unknown tool '${request.params.name}' (tools: ${TOOL_NAMES.join(', ')})`);
    return toCallToolResult(await runTool(request.params.name, request.params.arguments, host));
  });
  return server;
}

/** Serve on stdin/stdout until stdin ends. */
export async function serveStdio(options: McpOptions & { stdin?: NodeJS.ReadableStream; stdout?: NodeJS.WritableStream }): Promise<void> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const server = createMcpServer(options);
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    stdin.once('end', () => void server.close());
    stdin.once('close', () => void server.close());
  });
  await server.connect(new StdioServerTransport(stdin as NodeJS.ReadStream, stdout as NodeJS.WriteStream));
  await closed;
}
