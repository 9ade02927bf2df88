// For the tests that lose a server or a database during a loop of writes:
// a free loopback port, and which answered self-referrals cannot be read back.
import net from 'node:net';

import { Client } from './http.mjs';
import { addUser } from './server.mjs';
import { password } from './town.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Reads every answered request ({reference, team}) as a team lead of its team
// (made for the purpose, named `${label}.${team}`) through the server at
// `url`; returns those that are not there, as "reference: status".
export async function unreadableReferrals({ db, url, label, neighbourhoods, answered }) {
  const readers = new Map();
  for (const team of new Set(answered.map((a) => a.team))) {
    const n = neighbourhoods.find((x) => x.team.id === team);
    const username = `${label}.${team}`;
    await addUser(db, { username, password, name: `Leiding ${team}`, role: 'teamlead', team: n.team.name, phone: '010 123 4567' });
    const reader = new Client(url);
    await reader.login(username, password);
    readers.set(team, reader);
  }
  const missing = [];
  for (const a of answered) {
    const response = await readers.get(a.team).get(`/api/v1/referrals/${a.reference}`);
    if (response.status !== 200) missing.push(`${a.reference}: ${response.status}`);
  }
  return missing;
}
