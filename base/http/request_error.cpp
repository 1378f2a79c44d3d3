#include "base/http/request_error.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace station::http {

std::string error_json(int status, std::string_view field, std::string_view message) {
    boost::json::object error;
    error["status"] = status;
    if (!field.empty()) error["field"] = field;
    error["message"] = message;
    boost::json::object root;
    root["error"] = std::move(error);
    return boost::json::serialize(root);
}

}  // namespace station::http
