// A stand-in service for the launcher's tests, started like an app (`node <this> <PORT_VARIABLE> <mode>`): prints its
// pid and LOG_FORMAT, then listens on the port its variable names and answers /health with 200 ("ok") or 503 for
// ever ("hang"), or prints a configuration error and exits 1 before listening ("fail"). It does not stop on its own
// when the launcher dies: only the launcher's stop does that.
const http = require('node:http');

const [portVariable, mode = 'ok'] = process.argv.slice(2);
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined); // launcher gone: keep running

console.log(`pid ${process.pid} LOG_FORMAT=${process.env.LOG_FORMAT}`);
if (mode === 'fail') {
  console.error('config/fake/policy.xml line 3: unexpected close tag </inbound>');
  process.exit(1);
}
const port = Number(process.env[portVariable]);
http
  .createServer((request, response) => {
    response.statusCode = mode === 'ok' ? 200 : 503;
    response.end();
  })
  .listen(port, '127.0.0.1', () => console.log(`listening on ${port}`));
