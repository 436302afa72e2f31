#ifndef OSI_TESTS_POSTGRES_FIXTURE_HPP
#define OSI_TESTS_POSTGRES_FIXTURE_HPP

// A PostgreSQL server the tests start themselves (initdb into a temporary directory, postgres on a
// free loopback port, as the user postgres when the test runs as root), once per run, with one
// database and a fresh schema per case (CREATE DATABASE takes 0.2 s, CREATE SCHEMA none); stopped
// and removed at exit. Shared by the SQL store's tests and the shared-store server tests.

#include "support.hpp"

#include <openstack/identity/v2/protocol/sql.hpp>

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace osi_test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using std::chrono::steady_clock;

inline double seconds_since(steady_clock::time_point t) {
    return std::chrono::duration<double>(steady_clock::now() - t).count();
}

// A fresh directory, removed with everything in it.
struct temp_dir {
    fs::path path;
    temp_dir() {
        std::string t = (fs::temp_directory_path() / "osi-sql.XXXXXX").string();
        if (!::mkdtemp(t.data())) throw std::runtime_error("mkdtemp failed");
        path = t;
    }
    temp_dir(const temp_dir&) = delete;
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// A loopback port nothing listens on (the kernel's choice, released).
inline int free_port() {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t n = sizeof a;
    if (s < 0 || ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &n) != 0)
        throw std::runtime_error("no free loopback port");
    ::close(s);
    return ntohs(a.sin_port);
}

inline std::string tail(const fs::path& log) {
    std::string s;
    try {
        s = osi_test::read_file(log.string());
    } catch (const std::exception&) {
        return "(no log)";
    }
    return s.size() > 2000 ? s.substr(s.size() - 2000) : s;
}

// The PostgreSQL server of the run.
class pg_server {
public:
    pg_server() {
        const auto t0 = steady_clock::now();
        for (const char* v : {"15", "16", "17", "14", "13"})
            if (fs::exists(fs::path("/usr/lib/postgresql") / v / "bin/initdb")) {
                bin_ = fs::path("/usr/lib/postgresql") / v / "bin";
                break;
            }
        if (bin_.empty())
            throw std::runtime_error(
                "PostgreSQL's initdb is not in /usr/lib/postgresql/<version>/bin: install postgresql-15 "
                "(scripts/setup.sh)");
        // initdb and postgres refuse to run as root.
        if (::geteuid() == 0) {
            const passwd* pw = ::getpwnam("postgres");
            if (!pw) throw std::runtime_error("running as root, the test needs the user postgres (postgresql-15)");
            uid_ = pw->pw_uid;
            gid_ = pw->pw_gid;
            if (::chown(dir_.path.c_str(), uid_, gid_) != 0)
                throw std::runtime_error("chown of the data directory failed");
        }
        port_ = free_port();
        const pid_t initdb = spawn({(bin_ / "initdb").string(), "-D", (dir_.path / "data").string(), "-U", "osi", "-A",
                                    "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"},
                                   dir_.path / "initdb.log");
        if (exit_status(initdb, 60s) != 0) throw std::runtime_error("initdb failed: " + tail(dir_.path / "initdb.log"));
        initdb_seconds = seconds_since(t0);
        start();
        run("postgres", "CREATE DATABASE osi");
    }
    pg_server(const pg_server&) = delete;
    ~pg_server() { stop(); }

    double initdb_seconds = 0, start_seconds = 0;

    void start() {
        const auto t0 = steady_clock::now();
        // fsync and full pages off: a throwaway cluster.
        pid_ = spawn({(bin_ / "postgres").string(), "-D", (dir_.path / "data").string(), "-p", std::to_string(port_),
                      "-h", "127.0.0.1", "-k", dir_.path.string(), "-F", "-c", "synchronous_commit=off", "-c",
                      "full_page_writes=off", "-c", "max_connections=60"},
                     dir_.path / "postgres.log");
        const std::string ping = "host=127.0.0.1 port=" + std::to_string(port_) + " user=osi dbname=postgres";
        for (int i = 0; PQping(ping.c_str()) != PQPING_OK; ++i) {
            if (exit_status(pid_, 0ms)) {
                pid_ = 0;
                throw std::runtime_error("PostgreSQL exited at start: " + tail(dir_.path / "postgres.log"));
            }
            if (i == 400) {  // 20 s
                stop();
                throw std::runtime_error("PostgreSQL was not ready within 20 s: " + tail(dir_.path / "postgres.log"));
            }
            std::this_thread::sleep_for(50ms);
        }
        start_seconds = seconds_since(t0);
    }

    // A fast shutdown (SIGINT): sessions are ended, the server exits.
    void stop() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGINT);
        if (!exit_status(pid_, 10s)) {
            ::kill(pid_, SIGKILL);
            exit_status(pid_, 5s);
        }
        pid_ = 0;
    }

    // The URL of a new, empty schema of the database osi (its connections' search_path).
    std::string fresh_schema() {
        const std::string name = "case_" + std::to_string(++schemas_);
        run("osi", "CREATE SCHEMA " + name);
        return "postgresql://osi@127.0.0.1:" + std::to_string(port_) + "/osi?options=-csearch_path%3D" + name;
    }

private:
    void run(const std::string& database, const std::string& statement) const {
        const std::string info = "host=127.0.0.1 port=" + std::to_string(port_) + " user=osi dbname=" + database;
        PGconn* c = PQconnectdb(info.c_str());
        PGresult* r = PQexec(c, statement.c_str());
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        const std::string message = PQerrorMessage(c);
        PQclear(r);
        PQfinish(c);
        if (!ok) throw std::runtime_error(statement + " failed: " + message);
    }

    // Starts argv with its output in `log`, as the user postgres when running as root. The child
    // gets SIGQUIT (an immediate shutdown) should the test die before stopping it.
    pid_t spawn(const std::vector<std::string>& argv, const fs::path& log) const {
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        const std::string out = log.string();
        const pid_t pid = ::fork();
        if (pid < 0) throw std::runtime_error("fork failed");
        if (pid == 0) {
            // Only async-signal-safe calls until exec.
            if (uid_ != 0 && (::setgroups(0, nullptr) != 0 || ::setgid(gid_) != 0 || ::setuid(uid_) != 0)) ::_exit(126);
            const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
            const int in = ::open("/dev/null", O_RDONLY);
            if (fd < 0 || in < 0) ::_exit(126);
            ::dup2(in, 0);
            ::dup2(fd, 1);
            ::dup2(fd, 2);
            ::prctl(PR_SET_PDEATHSIG, SIGQUIT);
            ::execv(args[0], args.data());
            ::_exit(127);
        }
        return pid;
    }

    // The child's exit status once it has exited, waiting up to `limit`; nullopt while it runs.
    static std::optional<int> exit_status(pid_t pid, std::chrono::milliseconds limit) {
        const auto end = steady_clock::now() + limit;
        for (;;) {
            int status = 0;
            const pid_t r = ::waitpid(pid, &status, WNOHANG);
            if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            if (r < 0) return -1;
            if (steady_clock::now() >= end) return std::nullopt;
            std::this_thread::sleep_for(10ms);
        }
    }

    temp_dir dir_;  // first: removed last, after the server has stopped
    fs::path bin_;
    uid_t uid_ = 0;
    gid_t gid_ = 0;
    int port_ = 0;
    pid_t pid_ = 0;
    int schemas_ = 0;
};

// Started on first use, stopped at exit.
inline pg_server& postgres() {
    static std::unique_ptr<pg_server> server;
    if (!server) {
        server = std::make_unique<pg_server>();
        BOOST_TEST_MESSAGE("PostgreSQL: initdb and start " << server->initdb_seconds << " s, then ready in "
                                                           << server->start_seconds << " s");
    }
    return *server;
}

}  // namespace osi_test

#endif
