#!/usr/bin/env python3
"""Fernet tokens against Keystone's own code (Debian python3-keystone, python3-cryptography,
python3-msgpack): fernet_tool (tests/fernet_tool.cpp) on one side, on the other

  - cryptography's Fernet decrypts our tokens (padding restored), and their msgpack is
    byte for byte what Keystone's payload classes pack for the same values;
  - keystone.token.token_formatters.TokenFormatter validates our tokens, and we read its tokens;
  - our key repository and Keystone's fernet_utils make the same files with the same modes, and
    each side rotates and reads the other's repository.

usage: fernet_interop.py FERNET_TOOL
Without python3-keystone this fails (it does not skip): it is the oracle.
"""

import base64
import datetime
import json
import os
import stat
import subprocess
import sys
import tempfile

try:
    import msgpack
    from cryptography import fernet as crypto_fernet
    import keystone.conf
    from keystone.auth.plugins import core as auth_core
    from keystone.common import fernet_utils
    from keystone.token import token_formatters as tf
except ImportError as e:
    sys.exit(f"FAIL: the oracle is missing ({e}): apt-get install python3-keystone python3-msgpack "
             f"(Debian's /usr/bin/python3, not another python: this one is {sys.executable})")

TOOL = sys.argv[1]
CONF = keystone.conf.CONF
keystone.conf.configure()
CONF([], project='keystone', default_config_files=[])

checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        sys.exit(f"FAIL: {what}")


def run(*args):
    return subprocess.run([TOOL, *map(str, args)], capture_output=True, text=True, timeout=30)


def tool(*args):
    r = run(*args)
    if r.returncode != 0:
        sys.exit(f"FAIL: fernet_tool {' '.join(map(str, args))}: {r.stderr.strip()}")
    return r.stdout.strip()


def use_repository(d):
    CONF.set_override('key_repository', d, group='fernet_tokens')


def iso(us):
    """Keystone's text form of a time in microseconds since the epoch."""
    t = datetime.datetime(1970, 1, 1) + datetime.timedelta(microseconds=us)
    return t.strftime('%Y-%m-%dT%H:%M:%S.%fZ')


def files(d):
    return {f: stat.S_IMODE(os.stat(os.path.join(d, f)).st_mode) for f in os.listdir(d)}


def keys_of(d):
    """The repository's keys as Keystone loads them, the primary first."""
    return fernet_utils.FernetUtils(d, 3, 'fernet_tokens').load_keys()


USER_UUID = '4b8a2a0b7c2d4f3e9a1b2c3d4e5f6a7b'
PROJECT_TEXT = 'demo-project'
AUDIT = ['QZ5k1dV9Tj-8Ag7m3xYqWw', 'c1_Ozs2Xx0i2-JlEm0RJEA']
EXPIRES_US = 1924992000123456  # 2030-12-31T00:00:00.123456Z


def assembled(version, user, methods, project, expires_us, audit):
    """The bytes Keystone packs for these values (TokenFormatter.create_token's packb)."""
    cls = tf.ProjectScopedPayload if version == 2 else tf.UnscopedPayload
    payload = cls.assemble(user, auth_core.convert_integer_to_method_list(methods), None, project, None,
                           iso(expires_us), audit, None, None, None, None, None, None)
    return msgpack.packb((version,) + payload)


with tempfile.TemporaryDirectory() as tmp:
    ours = os.path.join(tmp, 'ours')
    theirs = os.path.join(tmp, 'theirs')

    # Repositories: setup and two rotations on each side give the same files and modes.
    tool('setup', ours, 3)
    tool('rotate', ours, 3)
    tool('rotate', ours, 3)
    futils = fernet_utils.FernetUtils(theirs, 3, 'fernet_tokens')
    futils.create_key_directory()
    futils.initialize_key_repository()
    futils.rotate_keys()
    futils.rotate_keys()
    check(files(ours) == files(theirs) == {'0': 0o600, '2': 0o600, '3': 0o600},
          f'repositories: ours {files(ours)}, Keystone {files(theirs)}')
    check(stat.S_IMODE(os.stat(ours).st_mode) == stat.S_IMODE(os.stat(theirs).st_mode) == 0o700,
          'repository directories are 0700')
    check(all(len(base64.urlsafe_b64decode(k)) == 32 and k.endswith('=') for k in keys_of(ours)),
          'our key files are padded base64url of 32 bytes')

    # (a) Our token, read by cryptography and msgpack: the layout, byte for byte.
    scoped = tool('mint', ours, USER_UUID, auth_core.convert_method_list_to_integer(['password']), EXPIRES_US,
                  '--project', PROJECT_TEXT, '--audit', AUDIT[0])
    unscoped = tool('mint', ours, 'admin', auth_core.convert_method_list_to_integer(['password', 'token']),
                    EXPIRES_US, '--audit', AUDIT[0], '--audit', AUDIT[1])
    check('=' not in scoped and '=' not in unscoped, 'tokens are minted without padding')
    multi = crypto_fernet.MultiFernet([crypto_fernet.Fernet(k) for k in keys_of(ours)])
    primary = crypto_fernet.Fernet(keys_of(ours)[0])
    for token, version in ((scoped, 2), (unscoped, 0)):
        raw = primary.decrypt(tf.TokenFormatter.restore_padding(token).encode())
        check(raw == multi.decrypt(tf.TokenFormatter.restore_padding(token).encode()), 'minted with the primary key')
        fields = msgpack.unpackb(raw)
        check(fields[0] == version, f'payload version {fields[0]}')
        if version == 2:
            check(fields[1] == [True, bytes.fromhex(USER_UUID)], f'UUID user id packed as bytes: {fields[1]}')
            check(fields[2] == 2, f'methods bitmask {fields[2]}')
            check(fields[3] == [False, PROJECT_TEXT], f'text project id packed as text: {fields[3]}')
            check(isinstance(fields[4], float), 'expires_at is a float')
            check(fields[5] == [base64.urlsafe_b64decode(AUDIT[0] + '==')], 'audit ids as their bytes')
            check(raw == assembled(2, USER_UUID, 2, PROJECT_TEXT, EXPIRES_US, AUDIT[:1]),
                  'project-scoped payload is what Keystone packs, byte for byte')
        else:
            check(fields[1] == [False, 'admin'] and fields[2] == 6 and len(fields) == 5, f'unscoped layout {fields}')
            check(raw == assembled(0, 'admin', 6, None, EXPIRES_US, AUDIT),
                  'unscoped payload is what Keystone packs, byte for byte')

    # (b) Keystone's TokenFormatter validates our tokens.
    use_repository(ours)
    formatter = tf.TokenFormatter()
    (user, methods, audit, _, _, project, *_, issued, expires) = formatter.validate_token(scoped)
    check((user, methods, audit, project) == (USER_UUID, ['password'], AUDIT[:1], PROJECT_TEXT),
          f'Keystone reads our scoped token: {user} {methods} {audit} {project}')
    # Keystone writes times to the second (keystone.common.utils.isotime); the payload has microseconds.
    check(expires == iso(EXPIRES_US - EXPIRES_US % 1000000), f'Keystone reads our expiry: {expires}')
    check(issued == tf.TokenFormatter.creation_time(scoped).strftime('%Y-%m-%dT%H:%M:%S.%fZ'), 'issued_at')
    (user, methods, audit, _, _, project, *_) = formatter.validate_token(unscoped)
    check((user, sorted(methods), audit, project) == ('admin', ['password', 'token'], AUDIT, None),
          f'Keystone reads our unscoped token: {user} {methods} {audit} {project}')

    # (c) Keystone's tokens, read here; a UUID project as bytes, a text user.
    project_uuid = 'f00dfeedf00dfeedf00dfeedf00dfeed'
    made = formatter.create_token('alice', iso(EXPIRES_US), AUDIT[1:], tf.ProjectScopedPayload,
                                  methods=['token'], project_id=project_uuid)
    got = json.loads(tool('read', ours, made))
    issued_s = int(tf.TokenFormatter.creation_time(made).replace(tzinfo=datetime.timezone.utc).timestamp())
    check(got == {'version': 2, 'user_id': 'alice', 'methods': 4, 'project_id': project_uuid,
                  'expires_at_us': EXPIRES_US, 'audit_ids': AUDIT[1:], 'issued_at': issued_s},
          f"we read Keystone's scoped token: {got}")
    made = formatter.create_token(USER_UUID, iso(EXPIRES_US), AUDIT, tf.UnscopedPayload, methods=['password'])
    got = json.loads(tool('read', ours, tf.TokenFormatter.restore_padding(made)))
    check((got['version'], got['user_id'], got['methods'], got['project_id'], got['audit_ids']) ==
          (0, USER_UUID, 2, None, AUDIT), f"we read Keystone's unscoped token (padded): {got}")

    # (d) Across repositories: we mint with Keystone's keys and it validates; it rotates ours
    # and our old token still reads (its key is now secondary), until rotations purge it.
    mine_on_theirs = tool('mint', theirs, USER_UUID, 2, EXPIRES_US, '--project', PROJECT_TEXT)
    use_repository(theirs)
    check(tf.TokenFormatter().validate_token(mine_on_theirs)[0] == USER_UUID, 'Keystone validates, its keys')
    fernet_utils.FernetUtils(ours, 3, 'fernet_tokens').rotate_keys()
    check(sorted(files(ours), key=int) == ['0', '3', '4'], f'Keystone rotated ours: {sorted(files(ours))}')
    check(json.loads(tool('read', ours, scoped))['user_id'] == USER_UUID, 'old token reads after a rotation')
    fernet_utils.FernetUtils(ours, 3, 'fernet_tokens').rotate_keys()
    r = run('read', ours, scoped)
    check(r.returncode == 1 and 'not signed by any key' in r.stderr, f'purged key: {r.stderr.strip()}')
    # Expired by its payload: Keystone's provider refuses it too (TokenNotFound).
    r = run('read', ours, tool('mint', ours, 'bob', 2, EXPIRES_US), '--now-us', EXPIRES_US)
    check(r.returncode == 1 and 'expired' in r.stderr, f'expired payload: {r.stderr.strip()}')

print(f"fernet interop: {checks} passed, 0 failed")
