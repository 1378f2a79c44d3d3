#pragma once
// A real dnsmasq serving fixed records on 127.0.0.1 and a free port, for tests of DNS lookups and
// domain verification. Started in the foreground as a child process with the records in a config
// file of its own (never /etc/dnsmasq.conf, /etc/hosts or resolv.conf); its log — every query
// included — goes to a file in a private temp dir. The destructor stops it.
//
// Names under `local_domains` that have no record get NXDOMAIN; a name with records of other types
// gets an empty NOERROR (no data); names outside every local domain are REFUSED (no upstream).

#include <memory>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace station::testing {

struct DnsTxtRecord {
    std::string name;
    // The record's character-strings, each at most 255 bytes, without '"', '\\' or control
    // characters (commas and spaces are fine). Several strings make one multi-string TXT record.
    std::vector<std::string> strings;
};

struct DnsHostRecord {
    std::string name;
    std::vector<std::string> addresses;  // IPv4 and/or IPv6 literals: A and AAAA records
};

struct DnsRecords {
    std::vector<DnsTxtRecord> txt;  // several entries with one name: several TXT records
    std::vector<DnsHostRecord> hosts;
    std::vector<std::string> local_domains = {"test"};
};

class Dnsmasq {
public:
    // Starts dnsmasq and waits until it answers a query. Throws std::runtime_error (with the
    // dnsmasq log) if it cannot start or does not answer within a few seconds, and
    // std::invalid_argument for a record dnsmasq's option syntax cannot carry.
    explicit Dnsmasq(const DnsRecords& records);
    Dnsmasq(const Dnsmasq&) = delete;
    Dnsmasq& operator=(const Dnsmasq&) = delete;
    ~Dnsmasq();

    // Stops the server and starts it again on the same port with new records.
    void restart_with(const DnsRecords& records);

    int port() const { return port_; }
    // "127.0.0.1:<port>", the form net::ResolverOptions::nameservers takes.
    std::string nameserver() const;
    // Everything dnsmasq logged so far (startup, one line per query and answer).
    std::string log() const;

private:
    // Starts dnsmasq on port_ and waits until it answers. Returns false if the port was taken;
    // throws std::runtime_error on any other failure.
    bool try_start(const DnsRecords& records);

    TempDir dir_;
    int port_ = 0;
    int starts_ = 0;  // numbers each start's log file
    std::unique_ptr<ChildProcess> process_;
};

}  // namespace station::testing
