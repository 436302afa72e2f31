#ifndef OPENSTACK_IDENTITY_V2_ASIO_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_HPP

// The optional transport (target openstack::identity_v2_asio): the server protocol
// (<openstack/identity/v2/protocol.hpp>) and the socket layer on Boost.Asio/Beast, a server and a
// client with its token-keeping session.

#include <openstack/identity/v2.hpp>
#include <openstack/identity/v2/protocol.hpp>
#include <openstack/identity/v2/asio/server.hpp>
#include <openstack/identity/v2/asio/client.hpp>
#include <openstack/identity/v2/asio/session.hpp>

#endif
