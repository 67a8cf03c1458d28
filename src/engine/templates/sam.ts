/**
 * The AWS SAM transform a template declares to use `AWS::Serverless::*` resources: one definition for
 * the parser (is this a SAM template?), the scaffold (the generated template.yaml) and the insertion into
 * a user's template.
 */
export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';
