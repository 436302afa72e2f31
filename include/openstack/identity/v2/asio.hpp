#ifndef OPENSTACK_IDENTITY_V2_ASIO_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_HPP

// The optional transport (target openstack::identity_v2_asio): the server protocol
// (<openstack/identity/v2/protocol.hpp>) and the socket layer on Boost.Asio/Beast, a server and a
// client with its token-keeping session, and the service side of a token (a validator with its
// caches, and a middleware that puts a handler behind it).

#include <openstack/identity/v2.hpp>
#include <openstack/identity/v2/protocol.hpp>
#include <openstack/identity/v2/asio/server.hpp>
#include <openstack/identity/v2/asio/client.hpp>
#include <openstack/identity/v2/asio/session.hpp>
#include <openstack/identity/v2/asio/memcache_crypt.hpp>
#include <openstack/identity/v2/asio/token_validator.hpp>
#include <openstack/identity/v2/asio/middleware.hpp>

#endif
