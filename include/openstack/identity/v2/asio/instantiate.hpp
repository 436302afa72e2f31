#ifndef OPENSTACK_IDENTITY_V2_ASIO_INSTANTIATE_HPP
#define OPENSTACK_IDENTITY_V2_ASIO_INSTANTIATE_HPP

// Separate compilation of the transport: include this first, in exactly one translation unit of a
// program whose every unit defines OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION (the codec's
// <openstack/identity/v2/instantiate.hpp> goes in one unit too, this one or another). That unit
// compiles the server, the handler and the client's operations; the others only declare them.
// When the program also defines BOOST_ASIO_SEPARATE_COMPILATION or
// BOOST_BEAST_SEPARATE_COMPILATION, Asio (with its TLS) and Beast are compiled here as well, so
// one unit holds all of it. With the single header, define OPENSTACK_IDENTITY_V2_ASIO_SOURCE before
// including it in that one unit instead (and include Asio's and Beast's src.hpp yourself).

#if !defined(OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION)
#error "asio/instantiate.hpp is for programs built with OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION"
#endif
#if defined(OPENSTACK_IDENTITY_V2_ASIO_DETAIL_CONFIG_HPP)
#error "include <openstack/identity/v2/asio/instantiate.hpp> before the transport's other headers"
#endif

#define OPENSTACK_IDENTITY_V2_ASIO_SOURCE
#include <openstack/identity/v2/asio.hpp>

#if defined(BOOST_ASIO_SEPARATE_COMPILATION)
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#endif
#if defined(BOOST_BEAST_SEPARATE_COMPILATION)
#include <boost/beast/src.hpp>
#endif

#endif
