// Analyses BigQuery statements offline with ZetaSQL, BigQuery's SQL front end.
//
// Usage: node analyze.mjs STATEMENTS.json
// The JSON file contains {"dataset", "statements": [{"file", "sql"}]}: the
// schema DDL first, then the models and data tests in the order they run. The
// script starts the package's gRPC server on 127.0.0.1 at a free port and
// registers a catalog of the tables the statements create, read from their
// CREATE TABLE column lists (`name` TYPE, one column per line, as
// schema_dialect.cc writes them). Tables are registered as the single
// identifier `dataset.table`, as dataset.table and as table, because ZetaSQL
// resolves each spelling separately. A `CREATE TEMP TABLE ... AS SELECT` of a
// model adds its output columns, as ZetaSQL resolved them, to the catalog of
// the statements after it, as BigQuery's script does. So an unknown table or
// column, or a function called with the wrong arguments, fails the check.
// It analyses each statement with every language feature on in external
// (BigQuery) product mode, prints one line per failing statement with
// ZetaSQL's message and position, stops the server and exits 1 when any
// statement failed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { ZetaSQLClient } = require('@fivetrandevelopers/zetasql');

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const kTypeKinds = {
  STRING: 'TYPE_STRING', INT64: 'TYPE_INT64', FLOAT64: 'TYPE_DOUBLE', NUMERIC: 'TYPE_NUMERIC',
  BOOL: 'TYPE_BOOL', DATE: 'TYPE_DATE', TIMESTAMP: 'TYPE_TIMESTAMP',
};

// Returns the ZetaSQL type of a BigQuery type name, or throws for an unknown one.
function typeOf(name) {
  const array = /^ARRAY<(\w+)>$/.exec(name);
  if (array) return { typeKind: 'TYPE_ARRAY', arrayType: { elementType: typeOf(array[1]) } };
  if (!kTypeKinds[name]) throw new Error(`unknown BigQuery type ${name}`);
  return { typeKind: kTypeKinds[name] };
}

// Returns [{name, column: [{name, type}]}] for each CREATE TABLE statement.
function tablesOf(statements) {
  const tables = [];
  for (const { sql } of statements) {
    const head = /^CREATE TABLE IF NOT EXISTS `[^.`]+\.(\w+)` \(/.exec(sql);
    if (!head) continue;
    const column = [];
    for (const line of sql.split('\n').slice(1)) {
      const definition = /^\s+`(\w+)` ([A-Z0-9<>]+)/.exec(line);
      if (definition) column.push({ name: definition[1], type: typeOf(definition[2]) });
    }
    tables.push({ name: head[1], column });
  }
  return tables;
}

function catalogOf(tables, dataset, languageOptions) {
  return {
    name: 'root',
    table: [...tables, ...tables.map((t) => ({ ...t, name: `${dataset}.${t.name}` }))],
    catalog: [{ name: dataset, table: tables }],
    builtinFunctionOptions: { languageOptions },
  };
}

// Returns a resolved column's type in the form registerCatalog accepts.
function plainType(type) {
  const plain = { typeKind: type.typeKind };
  if (type.arrayType) plain.arrayType = { elementType: plainType(type.arrayType.elementType) };
  return plain;
}

// Returns {name, column, temp} of a resolved CREATE TEMP TABLE ... AS SELECT
// or CREATE VIEW, so later statements can read it, or null for any other.
function createdTableOf(statement, analysed) {
  const text = statement.replace(/^(\s*--[^\n]*\n)*\s*/, '');
  const temp = /^CREATE\s+(?:OR\s+REPLACE\s+)?TEMP(?:ORARY)?\s+TABLE\s+(\w+)/i.exec(text);
  const view = /^CREATE\s+(?:OR\s+REPLACE\s+)?VIEW\s+`[^.`]+\.(\w+)`/i.exec(text);
  const create = analysed?.resolvedStatement?.resolvedCreateStatementNode;
  const columns = temp
    ? create?.resolvedCreateTableStmtBaseNode?.resolvedCreateTableAsSelectStmtNode?.outputColumnList
    : create?.resolvedCreateViewBaseNode?.resolvedCreateViewStmtNode?.parent?.outputColumnList;
  if (!(temp || view) || !columns) return null;
  return {
    name: (temp ?? view)[1],
    column: columns.map((c) => ({ name: c.name, type: plainType(c.column.type) })),
    temp: Boolean(temp),
  };
}

async function main() {
  const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const serverPath = path.join(path.dirname(require.resolve('@fivetrandevelopers/zetasql')),
                               'zetasql', 'remote_server.so');
  const port = await freePort();
  const server = spawn(serverPath, ['127.0.0.1', String(port)], { stdio: 'ignore' });
  let failures = 0;
  try {
    ZetaSQLClient.init(port);
    const client = ZetaSQLClient.getInstance();
    await client.testConnection();
    const maximum = await client.getLanguageOptions({ maximumFeatures: true });
    const languageOptions = {
      enabledLanguageFeatures: maximum.enabledLanguageFeatures,
      supportedStatementKinds: [],  // empty means every statement kind
      productMode: 'PRODUCT_EXTERNAL',
    };
    const tables = tablesOf(input.statements);
    const tempTables = new Map();
    const register = async () => {
      const catalog = catalogOf(tables, input.dataset, languageOptions);
      catalog.table.push(...tempTables.values());
      return (await client.registerCatalog({ simpleCatalog: catalog })).registeredId;
    };
    let registeredId = await register();
    for (const statement of input.statements) {
      try {
        const analysed = await client.analyze({
          registeredCatalogId: registeredId,
          sqlStatement: statement.sql,
          options: { languageOptions, errorMessageMode: 'ERROR_MESSAGE_ONE_LINE' },
        });
        const created = createdTableOf(statement.sql, analysed);
        if (created) {
          const { temp, ...table } = created;
          if (temp) tempTables.set(table.name, table);
          else tables.push(table);
          registeredId = await register();
        }
      } catch (error) {
        failures += 1;
        const firstLine = statement.sql.trim().split('\n')[0];
        console.log(`${statement.file}: ${error.details ?? error.message}\n  in: ${firstLine}`);
      }
    }
    console.log(`${input.statements.length} statements analysed, ${failures} failed`);
  } finally {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill();
      await exited;
    }
  }
  process.exit(failures > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(`zetasql check failed to run: ${error.stack ?? error}`);
  process.exit(2);
});
