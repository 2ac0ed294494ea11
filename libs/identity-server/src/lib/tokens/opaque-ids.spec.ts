import { newAio, newRh, newUti } from './opaque-ids';

it('shapes uti, aio and rh like Entra: base64url(16), base64(48), "<0|1>.<base64url(40)>."', () => {
  expect(newUti()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  expect(newAio()).toMatch(/^[A-Za-z0-9+/]{64}$/);
  expect(newRh('1.0')).toMatch(/^0\.[A-Za-z0-9_-]{54}\.$/);
  expect(newRh('2.0')).toMatch(/^1\.[A-Za-z0-9_-]{54}\.$/);
});

it('never repeats a value across many pool refills', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i += 1) seen.add(newUti()).add(newAio()).add(newRh('2.0'));
  expect(seen.size).toBe(6000);
});
