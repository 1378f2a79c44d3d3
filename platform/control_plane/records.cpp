#include "platform/control_plane/records.hpp"

namespace station::control {

std::string_view to_string(StoreStatus status) {
    switch (status) {
        case StoreStatus::Active:
            return "active";
        case StoreStatus::Suspended:
            return "suspended";
        case StoreStatus::Deleted:
            return "deleted";
    }
    return "suspended";
}

std::optional<StoreStatus> parse_store_status(std::string_view text) {
    if (text == "active") return StoreStatus::Active;
    if (text == "suspended") return StoreStatus::Suspended;
    if (text == "deleted") return StoreStatus::Deleted;
    return std::nullopt;
}

}  // namespace station::control
