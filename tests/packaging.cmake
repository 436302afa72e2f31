# Packaging tests: the single headers are in sync, every header compiles on its own, and
# consumer projects work. (The suite itself is built against the single headers by
# configuring with OSI_TEST_HEADERS=single_include, as scripts/test.sh does.)

find_package(Python3 REQUIRED COMPONENTS Interpreter)

# The single headers regenerate to exactly what is committed.
add_test(NAME single_include_in_sync
  COMMAND ${CMAKE_COMMAND} -DPYTHON=${Python3_EXECUTABLE} -DSOURCE=${PROJECT_SOURCE_DIR}
          -DOUT=${CMAKE_CURRENT_BINARY_DIR}/single_include_check -P ${CMAKE_CURRENT_SOURCE_DIR}/single_include_check.cmake)

# Every header compiles on its own, twice included (include guards).
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

# Consumer projects.
foreach(mode find_package add_subdirectory fetch_content pkg_config single_header single_header_asio)
  add_test(NAME consumer_${mode}
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/consumers/run.sh ${mode} ${PROJECT_SOURCE_DIR}
            ${CMAKE_CURRENT_BINARY_DIR}/consumers/${mode})
  set_tests_properties(consumer_${mode} PROPERTIES RESOURCE_LOCK osi_consumers)
endforeach()
