/**
 * The Python handler (Powertools for AWS Lambda, `aws_lambda_powertools`), its pytest unit test and
 * requirements. Design values are written as JSON literals, which are valid Python string literals.
 */
import type { Plan } from './plan.ts';
import type { ScaffoldFile } from './types.ts';

const lit = (v: unknown): string => JSON.stringify(v);

function imports(plan: Plan): string {
  const lines = [
    'from __future__ import annotations',
    '',
    'import base64',
    'import json',
    'import os',
    'from typing import Any, Callable, Optional',
    '',
    'from aws_lambda_powertools import Logger, Metrics, Tracer',
    'from aws_lambda_powertools.metrics import MetricUnit',
    'from aws_lambda_powertools.utilities import parameters',
    'from aws_lambda_powertools.utilities.typing import LambdaContext',
  ];
  if (plan.batch === 'sqs-fifo') {
    lines.push('from aws_lambda_powertools.utilities.batch import SqsFifoPartialProcessor, process_partial_response');
  } else if (plan.batch !== null && plan.design.batching?.recordsInParallel === true) {
    // Records of a batch processed concurrently (the design's work.recordsInParallel): the async processor.
    lines.push('import asyncio', 'from aws_lambda_powertools.utilities.batch import AsyncBatchProcessor, EventType, async_process_partial_response');
  } else if (plan.batch !== null) {
    lines.push('from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response');
  }
  if (plan.idempotent) {
    lines.push(
      'from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer, IdempotencyConfig, idempotent_function',
      'from aws_lambda_powertools.utilities.idempotency.persistence.base import BasePersistenceLayer',
    );
  }
  if (plan.family === 'http') {
    const resolver = { rest: 'APIGatewayRestResolver', http: 'APIGatewayHttpResolver', url: 'LambdaFunctionUrlResolver', alb: 'ALBResolver' }[
      plan.http as NonNullable<Plan['http']>
    ];
    lines.push(`from aws_lambda_powertools.event_handler import ${resolver} as Resolver`);
    lines.push('from aws_lambda_powertools.event_handler.exceptions import BadRequestError, ServiceError');
  }
  return lines.join('\n');
}

function unitOfWork(plan: Plan): { extract: string } {
  switch (plan.batch ?? plan.source) {
    case 'sqs':
    case 'sqs-fifo':
      return { extract: 'parse_order(record["body"])' };
    case 'kinesis':
      return { extract: 'parse_order(base64.b64decode(record["kinesis"]["data"]).decode("utf-8"))' };
    case 'dynamodb-streams':
      return { extract: 'order_from_image(record)' };
    case 'kafka':
      return { extract: 'parse_order(base64.b64decode(record["value"]).decode("utf-8"))' };
    default:
      return { extract: 'parse_order(json.dumps(record))' };
  }
}

function eventOrders(plan: Plan): string {
  switch (plan.source) {
    case 's3':
      return '[{"orderId": r["s3"]["object"]["key"], "amount": r["s3"]["object"].get("size", 0)} for r in event["Records"]]';
    case 'sns':
      return '[parse_order(r["Sns"]["Message"]) for r in event["Records"]]';
    case 'eventbridge':
      return '[parse_order(json.dumps(event["detail"]))]';
    case 'schedule':
      return '[{"orderId": "scheduled-" + str(event.get("scheduledTime", "")), "amount": 0}]';
    default:
      return '[parse_order(json.dumps(event))]';
  }
}

function body(plan: Plan): string {
  const idemDeco = plan.idempotent
    ? `    @idempotent_function(data_keyword_argument="data", config=config, persistence_store=store)\n`
    : '';
  const storeSetup = plan.idempotent
    ? `    store = persistence_store or DynamoDBPersistenceLayer(table_name=_require_env("IDEMPOTENCY_TABLE_NAME"))
    config = IdempotencyConfig(event_key_jmespath=${lit(plan.idempotencyKeyPath)})
`
    : '';
  const register = plan.idempotent ? '        config.register_lambda_context(context)\n' : '';
  const storeParam = plan.idempotent ? '    persistence_store: Optional[BasePersistenceLayer] = None,\n' : '';
  if (plan.batch !== null || plan.source === 'kafka') {
    const { extract } = unitOfWork(plan);
    const processor =
      plan.batch === 'sqs-fifo'
        ? 'SqsFifoPartialProcessor()'
        : plan.batch === 'kinesis'
          ? 'BatchProcessor(event_type=EventType.KinesisDataStreams)'
          : plan.batch === 'dynamodb-streams'
            ? 'BatchProcessor(event_type=EventType.DynamoDBStreams)'
            : 'BatchProcessor(event_type=EventType.SQS)';
    const concurrent = plan.batch !== null && plan.batch !== 'sqs-fifo' && plan.design.batching?.recordsInParallel === true;
    const run =
      concurrent
        ? `        # The records of a batch run concurrently (the design's work.recordsInParallel): each in a worker thread.
        processor = ${processor.replace('BatchProcessor(', 'AsyncBatchProcessor(')}

        async def record_handler(record: Any) -> dict:
            stop_if_time_is_short(context)
            return await asyncio.to_thread(process_one, data=record.raw_event, settings=settings)

        return async_process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)`
        : plan.batch !== null
        ? `        processor = ${processor}

        def record_handler(record: Any) -> dict:
            stop_if_time_is_short(context)
            return process_one(data=record.raw_event, settings=settings)

        return process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)`
        : `        # Kafka batches are retried whole; records already done are skipped by idempotency.
        for records in event.get("records", {}).values():
            for record in records:
                stop_if_time_is_short(context)
                process_one(data=record, settings=settings)
        return None`;
    return `
def create_handler(
${storeParam}    load_settings: Callable[[], dict] = load_settings_from_ssm,
    work: Callable[[dict, dict], None] = process_order,
) -> Callable[[dict, LambdaContext], Any]:
    """Builds the handler. Each record is processed on its own; a failing record is retried alone."""
${storeSetup}
${idemDeco}    def process_one(data: dict, settings: dict) -> dict:
        order = ${extract.replace(/record\[/g, 'data[').replace('order_from_image(record)', 'order_from_image(data)')}
        work(order, settings)
        return {"orderId": order["orderId"]}

    def run(event: dict, context: LambdaContext) -> Any:
${register}        settings = load_settings()
${run}

    return run
`;
  }
  if (plan.family === 'http') {
    return `
def create_handler(
${storeParam}    load_settings: Callable[[], dict] = load_settings_from_ssm,
    work: Callable[[dict, dict], None] = process_order,
) -> Callable[[dict, LambdaContext], Any]:
    """Builds the handler: the Powertools HTTP resolver. When time runs short the caller gets a 503."""
${storeSetup}    app = Resolver()

${idemDeco}    def place_order(data: dict) -> dict:
        work(data, load_settings())
        return {"orderId": data["orderId"], "status": "accepted"}

    @app.post("/orders")
    def post_order() -> dict:
        remaining = app.lambda_context.get_remaining_time_in_millis()
        if remaining < STOP_MARGIN_MS:
            raise ServiceError(503, f"only {remaining} ms left before the timeout")
        try:
            order = parse_order(app.current_event.body or "")
        except ValueError as error:
            raise BadRequestError(str(error)) from error
        return place_order(data=order)

    def run(event: dict, context: LambdaContext) -> Any:
${register}        return app.resolve(event, context)

    return run
`;
  }
  const sync = plan.source === 'direct-sync';
  return `
def create_handler(
${storeParam}    load_settings: Callable[[], dict] = load_settings_from_ssm,
    work: Callable[[dict, dict], None] = process_order,
) -> Callable[[dict, LambdaContext], Any]:
    """Builds the handler.${plan.async ? ' Invoked asynchronously: an exception is retried, then sent to the on-failure destination.' : ''}"""
${storeSetup}
${idemDeco}    def process_event(data: dict, remaining: Callable[[], int]) -> ${sync ? 'dict' : 'None'}:
        event = data
        settings = load_settings()
        orders = ${eventOrders(plan)}
        for order in orders:
            if remaining() < STOP_MARGIN_MS:
                raise TimeRunningOutError(remaining())
            work(order, settings)${sync ? '\n        return {"orderId": orders[0]["orderId"] if orders else "", "status": "done"}' : '\n        return None'}

    def run(event: dict, context: LambdaContext) -> Any:
${register}        return process_event(data=event, remaining=context.get_remaining_time_in_millis)

    return run
`;
}

export function pyHandler(plan: Plan): string {
  const ddb =
    plan.batch === 'dynamodb-streams'
      ? `

def order_from_image(record: dict) -> dict:
    """The order in a stream record's new image (DynamoDB attribute-value JSON)."""
    image = record.get("dynamodb", {}).get("NewImage", {})
    try:
        return {
            "orderId": image["orderId"]["S"],
            "amount": float(image["amount"]["N"]),
            "simulateFailure": image.get("simulateFailure", {}).get("BOOL", False),
        }
    except KeyError as error:
        raise ValueError(f"record {record.get('eventID', '?')} has no orderId/amount in its new image") from error
`
      : '';
  return `"""${plan.source} handler for ${lit(plan.displayName).slice(1, -1).replace(/"""/g, '\\"\\"\\"')}, scaffolded by Lambda Design Advisor.

Powertools for AWS Lambda (Python): logger, tracer, metrics${plan.batch ? ', batch' : ''}${plan.idempotent ? ', idempotency' : ''}${plan.family === 'http' ? ', event handler' : ''}, parameters.
"""
${imports(plan)}

# Service name, metrics namespace and log level come from the POWERTOOLS_* environment variables.
logger = Logger()
tracer = Tracer()
metrics = Metrics()

# Stop taking new work when fewer milliseconds than this remain (one unit of work at the design's p99),
# so that the function ends cleanly and unfinished work is retried instead of being cut off.
STOP_MARGIN_MS = ${plan.stopMarginMs}


class TimeRunningOutError(Exception):
    def __init__(self, remaining_ms: int) -> None:
        super().__init__(f"only {remaining_ms} ms left before the timeout; stopping before starting more work")


def stop_if_time_is_short(context: LambdaContext) -> None:
    remaining = context.get_remaining_time_in_millis()
    if remaining < STOP_MARGIN_MS:
        raise TimeRunningOutError(remaining)


def _require_env(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise RuntimeError(f"environment variable {name} is not set (the template sets it)")
    return value


def load_settings_from_ssm() -> dict:
    """Secrets and settings: an SSM SecureString holding JSON. The environment carries only its NAME.

    For a rotating secret use parameters.get_secret(name) (Secrets Manager) the same way.
    """
    raw = parameters.get_parameter(_require_env("SETTINGS_PARAMETER_NAME"), decrypt=True)
    if not raw:
        return {}
    value = json.loads(raw)
    if not isinstance(value, dict):
        raise ValueError("the settings parameter must hold a JSON object")
    return value


def parse_order(text: str) -> dict:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"the payload is not JSON: {error}") from error
    if not isinstance(value, dict) or not isinstance(value.get("orderId"), str):
        raise ValueError("the payload needs orderId (string) and amount (number)")
    return value
${ddb}

def process_order(order: dict, settings: dict) -> None:
    """Sample business logic: replace with yours. Fails on purpose for a payload marked simulateFailure."""
    if order.get("simulateFailure") is True:
        raise RuntimeError(f"order {order['orderId']} failed (simulateFailure is set)")
    logger.info("order processed", extra={"orderId": order["orderId"]})
    metrics.add_metric(name="ordersProcessed", unit=MetricUnit.Count, value=1)

${body(plan)}
_default_handler: Optional[Callable[[dict, LambdaContext], Any]] = None


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict, context: LambdaContext) -> Any:
    """The Lambda entry point; dependencies are built on the first invocation."""
    global _default_handler
    if _default_handler is None:
        _default_handler = create_handler()
    return _default_handler(event, context)
`;
}

function pyTest(plan: Plan): string {
  const eventFile = plan.batch !== null ? 'partial-failure.json' : 'event.json';
  const store = plan.idempotent
    ? `

class InMemoryPersistenceLayer(BasePersistenceLayer):
    """Idempotency records in a dict: the DynamoDB layer's contract without AWS."""

    def __init__(self) -> None:
        super().__init__()
        self.records: dict = {}

    def _get_record(self, idempotency_key: str) -> DataRecord:
        if idempotency_key not in self.records:
            raise IdempotencyItemNotFoundError(idempotency_key)
        return self.records[idempotency_key]

    def _put_record(self, data_record: DataRecord) -> None:
        existing = self.records.get(data_record.idempotency_key)
        if existing is not None and not existing.is_expired:
            raise IdempotencyItemAlreadyExistsError(data_record.idempotency_key)
        self.records[data_record.idempotency_key] = data_record

    def _update_record(self, data_record: DataRecord) -> None:
        self.records[data_record.idempotency_key] = data_record

    def _delete_record(self, data_record: DataRecord) -> None:
        self.records.pop(data_record.idempotency_key, None)
`
    : '';
  const storeImports = plan.idempotent
    ? `from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyItemAlreadyExistsError,
    IdempotencyItemNotFoundError,
)
from aws_lambda_powertools.utilities.idempotency.persistence.base import BasePersistenceLayer, DataRecord
`
    : '';
  const storeArg = plan.idempotent ? 'persistence_store=InMemoryPersistenceLayer(), ' : '';
  let check: string;
  if (plan.batch !== null) {
    check = `    result = handler(event, FakeContext())
    assert len(result["batchItemFailures"]) == 1
    assert len(done) == 2`;
  } else if (plan.source === 'kafka') {
    check = `    with pytest.raises(RuntimeError):
        handler(event, FakeContext())
    assert len(done) == 1`;
  } else if (plan.family === 'http') {
    check = `    result = handler(event, FakeContext())
    assert result["statusCode"] == 200
    assert done == ["o-1001"]`;
  } else {
    check = `    handler(event, FakeContext())
    assert len(done) == 1`;
  }
  return `import json
import pathlib

import pytest

${storeImports}
from src.handler import create_handler
${store}

class FakeContext:
    function_name = "test"
    memory_limit_in_mb = 128
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:test"
    aws_request_id = "req-1"

    def get_remaining_time_in_millis(self) -> int:
        return 60_000


def test_handler_processes_the_sample_event() -> None:
    done: list = []

    def work(order: dict, settings: dict) -> None:
        if order.get("simulateFailure") is True:
            raise RuntimeError("simulateFailure")
        done.append(order["orderId"])

    handler = create_handler(${storeArg}load_settings=lambda: {}, work=work)
    event = json.loads((pathlib.Path(__file__).parent.parent / "events" / ${lit(eventFile)}).read_text())
${check}
`;
}

export function pyFiles(plan: Plan): ScaffoldFile[] {
  return [
    { path: 'src/handler.py', contents: pyHandler(plan), role: 'handler' },
    { path: 'src/__init__.py', contents: '', role: 'handler' },
    { path: 'src/requirements.txt', contents: 'aws-lambda-powertools[tracer]>=3,<4\n', role: 'config' },
    { path: 'tests/__init__.py', contents: '', role: 'test' },
    { path: 'tests/test_handler.py', contents: pyTest(plan), role: 'test' },
    { path: 'requirements-dev.txt', contents: '-r src/requirements.txt\npytest>=8\nboto3>=1.34\n', role: 'config' },
  ];
}
