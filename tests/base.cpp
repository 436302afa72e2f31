// The unit of the test base libraries (tests/CMakeLists.txt), where their precompiled headers are
// compiled when the test files are compiled one by one (OSI_TEST_UNITY=OFF).
