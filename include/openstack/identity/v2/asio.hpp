#ifndef OPENSTACK_IDENTITY_V2_ASIO_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_HPP

// The optional transport layer on Boost.Asio/Beast (target openstack::identity_v2_asio).

#include <openstack/identity/v2.hpp>
#include <openstack/identity/v2/asio/backend.hpp>
#include <openstack/identity/v2/asio/crypto.hpp>
#include <openstack/identity/v2/asio/fernet.hpp>
#include <openstack/identity/v2/asio/handler.hpp>
#include <openstack/identity/v2/asio/memory_backend.hpp>
#include <openstack/identity/v2/asio/server.hpp>
#include <openstack/identity/v2/asio/client.hpp>
#include <openstack/identity/v2/asio/session.hpp>

#endif
