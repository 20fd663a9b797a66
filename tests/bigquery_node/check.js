// Runs the official @google-cloud/bigquery client against sprintetl's fake
// BigQuery with the same calls the C++ backend makes: a DDL query job, a
// multipart NDJSON load job with a chosen job id, the same job id again
// (409 duplicate), a query job read with getQueryResults, jobs.query, and an
// invalid query. The access token comes from the fake's token endpoint, for
// a JWT signed here with the test-only key the fake wrote.
//
// Usage: node check.js BASE_URL KEY_FILE WORK_DIR
// Exits 0 when every check passes; prints one line per check.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const path = require('node:path');

const [baseUrl, keyFile, workDir] = process.argv.slice(2);
if (!baseUrl || !keyFile || !workDir) {
  console.error('usage: node check.js BASE_URL KEY_FILE WORK_DIR');
  process.exit(2);
}

// Every outgoing connection must go to the fake on 127.0.0.1; any other host
// fails the check before a byte is sent.
const contactedHosts = new Set();
for (const module of [http, https]) {
  for (const name of ['request', 'get']) {
    const original = module[name];
    module[name] = function guarded(...args) {
      const first = args[0];
      const host = typeof first === 'string' || first instanceof URL
        ? new URL(first).hostname
        : (first && (first.hostname || first.host)) || '';
      contactedHosts.add(host);
      if (host !== '127.0.0.1') throw new Error(`blocked a request to ${host}`);
      return original.apply(this, args);
    };
  }
}

const { BigQuery } = require('@google-cloud/bigquery');
const { OAuth2Client } = require('google-auth-library');

let failures = 0;
function check(name, condition, detail) {
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${name}${detail ? ': ' + detail : ''}`);
  if (!condition) failures += 1;
}

function base64url(input) {
  return Buffer.from(input).toString('base64url');
}

async function fetchToken(key) {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64url(JSON.stringify({
    iss: key.client_email,
    scope: 'https://www.googleapis.com/auth/bigquery',
    aud: `${baseUrl}/token`,
    iat: now,
    exp: now + 3600,
  }));
  const signature = crypto.sign('RSA-SHA256', Buffer.from(`${header}.${claims}`),
    key.private_key).toString('base64url');
  const body = new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    assertion: `${header}.${claims}.${signature}`,
  });
  const response = await fetch(`${baseUrl}/token`, { method: 'POST', body });
  const json = await response.json();
  if (!response.ok) throw new Error(`token endpoint: ${JSON.stringify(json)}`);
  return json;
}

async function main() {
  const key = JSON.parse(fs.readFileSync(keyFile, 'utf8'));
  const token = await fetchToken(key);
  check('token endpoint accepts a JWT signed by Node', Boolean(token.access_token));

  const authClient = new OAuth2Client();
  authClient.setCredentials({
    access_token: token.access_token,
    expiry_date: Date.now() + token.expires_in * 1000,
  });
  const bigquery = new BigQuery({
    projectId: key.project_id,
    apiEndpoint: baseUrl,
    authClient,
    location: 'EU',
  });

  const [dataset] = await bigquery.createDataset('node_check', { location: 'EU' });
  check('datasets.insert', dataset.id === 'node_check');

  const [ddl] = await bigquery.createQueryJob({
    query: 'CREATE TABLE `node_check.items` (id INT64, name STRING, created_at TIMESTAMP, ' +
      'tags ARRAY<STRING>)',
    location: 'EU',
  });
  await ddl.getQueryResults();
  check('DDL query job', true);

  const file = path.join(workDir, 'items.ndjson');
  fs.writeFileSync(file,
    '{"id": 1, "name": "first", "created_at": "2026-11-17T12:00:00Z", "tags": ["a", "b"]}\n' +
    '{"id": 2, "name": null, "created_at": "2026-11-18 08:30:00.250", "tags": []}\n');
  const loadOptions = {
    sourceFormat: 'NEWLINE_DELIMITED_JSON',
    writeDisposition: 'WRITE_APPEND',
    createDisposition: 'CREATE_NEVER',
    schema: {
      fields: [
        { name: 'id', type: 'INT64' },
        { name: 'name', type: 'STRING' },
        { name: 'created_at', type: 'TIMESTAMP' },
        { name: 'tags', type: 'STRING', mode: 'REPEATED' },
      ],
    },
    jobId: 'node_check_load_items',
    location: 'EU',
  };
  const table = dataset.table('items');
  const [loadJob] = await table.load(file, { ...loadOptions });
  const loadRows = loadJob.statistics && loadJob.statistics.load &&
    loadJob.statistics.load.outputRows;
  check('multipart load job', loadRows === '2', `outputRows=${loadRows}`);

  let duplicateReason = '';
  try {
    await table.load(file, { ...loadOptions });
  } catch (error) {
    duplicateReason = error.errors && error.errors[0] && error.errors[0].reason;
    check('409 on a reused job id', error.code === 409, `code=${error.code}`);
  }
  check('duplicate reason', duplicateReason === 'duplicate', duplicateReason);

  const [queryJob] = await bigquery.createQueryJob({
    query: 'SELECT id, name, created_at, tags FROM `node_check.items` ORDER BY id',
    location: 'EU',
    jobId: 'node_check_query_items',
  });
  const [rows] = await queryJob.getQueryResults();
  check('query job rows', rows.length === 2, `rows=${rows.length}`);
  check('INT64 value', rows[0].id === 1, String(rows[0].id));
  check('NULL value', rows[1].name === null, String(rows[1].name));
  check('REPEATED value', JSON.stringify(rows[0].tags) === '["a","b"]',
    JSON.stringify(rows[0].tags));
  const at = rows[1].created_at && rows[1].created_at.value;
  check('TIMESTAMP value', at === '2026-11-18T08:30:00.250Z', at);

  const [counted] = await bigquery.query({
    query: 'SELECT count(*) AS n FROM `node_check.items`',
    location: 'EU',
  });
  check('jobs.query', counted.length === 1 && counted[0].n === 2, JSON.stringify(counted));

  let invalidReason = '';
  try {
    const [bad] = await bigquery.createQueryJob({
      query: 'SELECT no_such_column FROM `node_check.items`',
      location: 'EU',
    });
    await bad.getQueryResults();
  } catch (error) {
    invalidReason = error.errors && error.errors[0] && error.errors[0].reason;
  }
  check('invalidQuery error body', invalidReason === 'invalidQuery', invalidReason);

  const hosts = [...contactedHosts].join(',');
  check('only 127.0.0.1 contacted', hosts === '127.0.0.1', hosts);
}

main().then(() => {
  process.exit(failures === 0 ? 0 : 1);
}, (error) => {
  console.error(`FAIL unexpected error: ${error.stack || error}`);
  process.exit(1);
});
