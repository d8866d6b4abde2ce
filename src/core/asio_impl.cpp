// The one translation unit that compiles Asio and Beast (separate compilation keeps every other
// file from instantiating them again; see BOOST_ASIO_SEPARATE_COMPILATION in CMakeLists.txt).
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
