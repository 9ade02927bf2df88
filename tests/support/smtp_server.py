#!/usr/bin/python3
"""A loopback SMTP server for the mail tests (Debian's python3-aiosmtpd).

Listens on 127.0.0.1 on a port the system picks and prints that port as the
first line of stdout, so tests never guess a free port. Each message is
written to the given directory as <n>.eml (the bytes as received) with
<n>.envelope next to it (MAIL FROM, then one RCPT TO a line). The file is
complete before the server answers the DATA command, so a client that was
told "250" can read it at once. Exits when stdin closes: the test holds the
other end of the pipe, so the server dies with the test.

  smtp_server.py DIR [--user NAME --password SECRET]
                     [--tls-cert CERT --tls-key KEY [--require-starttls]]
"""

import argparse
import asyncio
import logging
import os
import ssl
import sys
import threading
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class SaveToDirectory:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.directory, str(self.count))
        envelope_text = "\n".join([envelope.mail_from] + envelope.rcpt_tos) + "\n"
        write_atomically(base + ".envelope", envelope_text.encode())
        write_atomically(base + ".eml", envelope.original_content)
        return "250 OK"


def write_atomically(path, data):
    with open(path + ".tmp", "wb") as out:
        out.write(data)
    os.rename(path + ".tmp", path)


def authenticator_for(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode()
              and auth_data.password == password.encode())
        # handled=False: aiosmtpd itself answers 535 to a failed login.
        return AuthResult(success=ok, handled=False)
    return authenticate


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--require-starttls", action="store_true")
    args = parser.parse_args()

    # AUTH without TLS is what the plain loopback test wants: no warnings about it.
    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    logging.getLogger("mail.log").setLevel(logging.ERROR)

    options = {"hostname": "localhost"}  # not getfqdn(): no DNS lookups in tests
    if args.user is not None:
        options.update(authenticator=authenticator_for(args.user, args.password or ""),
                       auth_required=True, auth_require_tls=False)
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        options.update(tls_context=context, require_starttls=args.require_starttls)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    handler = SaveToDirectory(args.directory)
    server = loop.run_until_complete(
        loop.create_server(lambda: SMTP(handler, loop=loop, **options), "127.0.0.1", 0))
    print(server.sockets[0].getsockname()[1], flush=True)

    def stop_when_stdin_closes():
        sys.stdin.buffer.read()
        loop.call_soon_threadsafe(loop.stop)

    threading.Thread(target=stop_when_stdin_closes, daemon=True).start()
    loop.run_forever()
    server.close()


if __name__ == "__main__":
    main()
