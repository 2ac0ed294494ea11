/** Bare Express: one JSON route; the reference for the Express-based guards. */
import express from 'express';
import { peerPort } from './peer-config';

const app = express();
app.get('/hello', (_req, res) => {
  res.json({ hello: 'world' });
});
app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});
app.listen(peerPort(), '127.0.0.1');
