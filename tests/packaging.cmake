# Packaging tests: the single headers are in sync, every header compiles on its own,
# the suite builds against the single headers, and consumer projects work.

find_package(Python3 REQUIRED COMPONENTS Interpreter)

# The single headers regenerate to exactly what is committed.
add_test(NAME single_include_in_sync
  COMMAND ${CMAKE_COMMAND} -DPYTHON=${Python3_EXECUTABLE} -DSOURCE=${PROJECT_SOURCE_DIR}
          -DOUT=${CMAKE_CURRENT_BINARY_DIR}/single_include_check -P ${CMAKE_CURRENT_SOURCE_DIR}/single_include_check.cmake)

# Every header compiles on its own, twice included (include guards).
file(GLOB_RECURSE OSI_HEADERS RELATIVE ${PROJECT_SOURCE_DIR}/include CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/include/*.hpp)
set(OSI_HEADER_SOURCES)
foreach(h IN LISTS OSI_HEADERS)
  string(MAKE_C_IDENTIFIER ${h} id)
  set(src ${CMAKE_CURRENT_BINARY_DIR}/headers/${id}.cpp)
  file(CONFIGURE OUTPUT ${src} CONTENT "#include <${h}>\n#include <${h}>\n")
  list(APPEND OSI_HEADER_SOURCES ${src})
endforeach()
add_library(osi_header_check OBJECT ${OSI_HEADER_SOURCES})
target_link_libraries(osi_header_check PRIVATE openstack::identity_v2_asio)
target_compile_options(osi_header_check PRIVATE ${OSI_WARNINGS})

# The whole suite once more, built against the single headers: a shim directory maps every
# header path to the single header that contains it.
option(OSI_TEST_SINGLE_HEADER "Also build and run the tests against single_include/" ON)
if(OSI_TEST_SINGLE_HEADER)
  set(shim ${CMAKE_CURRENT_BINARY_DIR}/single_shim)
  foreach(h IN LISTS OSI_HEADERS)
    if(h MATCHES "/asio")
      set(single openstack/identity_v2_asio.hpp)
    else()
      set(single openstack/identity_v2.hpp)
    endif()
    file(CONFIGURE OUTPUT ${shim}/${h} CONTENT "#include <${single}>\n")
  endforeach()
  add_library(osi_single_pch OBJECT pch.cpp)
  target_include_directories(osi_single_pch PUBLIC ${shim} ${PROJECT_SOURCE_DIR}/single_include)
  target_compile_features(osi_single_pch PUBLIC cxx_std_20)
  target_link_libraries(osi_single_pch PUBLIC Boost::json Boost::headers pugixml::pugixml Boost::unit_test_framework)
  target_compile_definitions(osi_single_pch PUBLIC BOOST_TEST_DYN_LINK
    OSI_SPEC_DIR="${OSI_SPEC_DIR}" OSI_DATA_DIR="${CMAKE_CURRENT_SOURCE_DIR}/data"
    OSI_SEED_FILE="${OSI_SPEC_DIR}/../../seeds/000_ce0dfee20ee0032f.txt" OSI_PROJECT_VERSION="${PROJECT_VERSION}")
  target_compile_options(osi_single_pch PUBLIC ${OSI_WARNINGS})
  target_precompile_headers(osi_single_pch PRIVATE <openstack/identity_v2.hpp> <boost/json.hpp> <pugixml.hpp>)
  foreach(src IN LISTS OSI_TESTS)
    get_filename_component(name ${src} NAME_WE)
    add_executable(single_${name} ${src})
    target_link_libraries(single_${name} PRIVATE osi_single_pch)
    if(name MATCHES "^asio_")
      target_link_libraries(single_${name} PRIVATE OpenSSL::SSL OpenSSL::Crypto Threads::Threads)
    endif()
    target_precompile_headers(single_${name} REUSE_FROM osi_single_pch)
    add_test(NAME single_${name} COMMAND single_${name} --log_level=warning)
  endforeach()
endif()

# Consumer projects.
foreach(mode find_package add_subdirectory fetch_content pkg_config single_header single_header_asio)
  add_test(NAME consumer_${mode}
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/consumers/run.sh ${mode} ${PROJECT_SOURCE_DIR}
            ${CMAKE_CURRENT_BINARY_DIR}/consumers/${mode})
  set_tests_properties(consumer_${mode} PROPERTIES RESOURCE_LOCK osi_consumers)
endforeach()
