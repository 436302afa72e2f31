# Packaging tests: the single headers are in sync, every header compiles on its own, and
# consumer projects work. (The suite itself is built against the single headers by
# configuring with OPENSTACK_IDENTITY_V2_TEST_HEADERS=single_include, as scripts/test.sh does.)

find_package(Python3 REQUIRED COMPONENTS Interpreter)

# The single headers regenerate to exactly what is committed.
add_test(NAME single_include_in_sync
  COMMAND ${CMAKE_COMMAND} -DPYTHON=${Python3_EXECUTABLE} -DSOURCE=${PROJECT_SOURCE_DIR}
          -DOUT=${CMAKE_CURRENT_BINARY_DIR}/single_include_check -P ${CMAKE_CURRENT_SOURCE_DIR}/single_include_check.cmake)

# Every header compiles on its own, twice included (include guards). Checked with -fsyntax-only:
# the full semantic analysis, without the code generation that would make the transport's
# headers the slowest part of the build.
set(OSI_HEADER_STAMPS)
list(TRANSFORM OSI_HEADERS PREPEND ${PROJECT_SOURCE_DIR}/include/ OUTPUT_VARIABLE osi_header_paths)
# The units of separate compilation (instantiate.hpp) are left out: they are the sources the
# test suite's libraries are compiled from.
set(osi_standalone_headers ${OSI_HEADERS})
list(FILTER osi_standalone_headers EXCLUDE REGEX "/instantiate\\.hpp$")
# With separate compilation, each header is checked as the build's own units see it (the
# transport's bodies, asio/impl/*.ipp, left out). The bodies are compiled header-only by the
# consumer projects below (single_header, single_header_asio: the same code, one file).
# Checked: the headers a program includes. Not checked, to keep the test command within its ten
# minutes: the parts of a folder that one header includes for its users (model/ through model.hpp,
# json/ through json.hpp, xml/ through xml.hpp) and detail/, which are compiled through that
# header's check; and the umbrellas made of checked headers only (v2.hpp, asio.hpp, protocol.hpp,
# src.hpp), which the suite and the consumers include.
list(FILTER osi_standalone_headers EXCLUDE REGEX "^openstack/identity/v2/(model|json|xml|detail|asio/detail)/")
list(FILTER osi_standalone_headers EXCLUDE REGEX "^openstack/identity/(v2|v2/asio|v2/protocol|v2/src)\\.hpp$")
foreach(h IN LISTS osi_standalone_headers)
  string(MAKE_C_IDENTIFIER ${h} id)
  set(src ${CMAKE_CURRENT_BINARY_DIR}/headers/${id}.cpp)
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/headers/${id}.ok)
  file(CONFIGURE OUTPUT ${src} CONTENT "#include <${h}>\n#include <${h}>\n")
  set(mode)
  if(OPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION)
    set(mode -DOPENSTACK_IDENTITY_V2_SEPARATE_COMPILATION)
  endif()
  add_custom_command(OUTPUT ${stamp}
    COMMAND ${CMAKE_CXX_COMPILER} -std=c++20 -fsyntax-only ${OSI_PROJECT_WARNINGS} ${mode} -I${PROJECT_SOURCE_DIR}/include ${src}
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    DEPENDS ${src} ${osi_header_paths}
    COMMENT "Header on its own: ${h}" VERBATIM)
  list(APPEND OSI_HEADER_STAMPS ${stamp})
endforeach()
add_custom_target(osi_header_check ALL DEPENDS ${OSI_HEADER_STAMPS})

# Consumer projects.
foreach(mode installed fetch_content single_header single_header_asio)
  add_test(NAME consumer_${mode}
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/consumers/run.sh ${mode} ${PROJECT_SOURCE_DIR}
            ${CMAKE_CURRENT_BINARY_DIR}/consumers/${mode})
endforeach()
