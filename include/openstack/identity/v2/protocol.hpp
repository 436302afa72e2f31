#ifndef OPENSTACK_IDENTITY_V2_PROTOCOL_HPP
#define OPENSTACK_IDENTITY_V2_PROTOCOL_HPP

// The server side of v2.0 without sockets (target openstack::identity_v2_asio, which it shares
// with the socket layer for Beast's HTTP messages and OpenSSL): the request handler (a Beast
// request in, a response out), the backend interface, the standard backend over a store (memory
// or SQL: SQLite, PostgreSQL) and a token provider (UUID or Fernet), the in-memory backend,
// password hashes and Fernet tokens. Embed it in any HTTP server; <openstack/identity/v2/asio.hpp>
// adds Asio's.

#include <openstack/identity/v2.hpp>
#include <openstack/identity/v2/protocol/backend.hpp>
#include <openstack/identity/v2/protocol/crypto.hpp>
#include <openstack/identity/v2/protocol/ec2.hpp>
#include <openstack/identity/v2/protocol/fernet.hpp>
#include <openstack/identity/v2/protocol/memory_backend.hpp>
#include <openstack/identity/v2/protocol/memory_store.hpp>
#include <openstack/identity/v2/protocol/request_handler.hpp>
#include <openstack/identity/v2/protocol/sql.hpp>
#include <openstack/identity/v2/protocol/sql_store.hpp>
#include <openstack/identity/v2/protocol/standard_backend.hpp>
#include <openstack/identity/v2/protocol/store.hpp>
#include <openstack/identity/v2/protocol/token_provider.hpp>

#endif
