import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a command with posix_spawn and waitpid. Foundation's Process is avoided: with a
/// tmux server forking off it, waiting for the client could hang on Linux.
enum Subprocess {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `argv`, returning its standard output (or "" when `readOutput` is false, in which
    /// case output goes to /dev/null so no long-lived child keeps a pipe of ours open).
    @discardableResult
    static func run(_ argv: [String], readOutput: Bool = true) throws -> String {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var fds: [Int32] = [-1, -1]
        if readOutput {
            guard pipe(&fds) == 0 else { throw Failure(description: "pipe failed") }
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_addclose(&actions, fds[0])
            posix_spawn_file_actions_addclose(&actions, fds[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)

        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ)
        if readOutput { close(fds[1]) }
        guard rc == 0 else {
            if readOutput { close(fds[0]) }
            throw Failure(description: "cannot run \(argv[0]): \(String(cString: strerror(rc)))")
        }
        var output = Data()
        if readOutput {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(fds[0], &buffer, buffer.count)
                if n <= 0 { break }
                output.append(buffer, count: n)
            }
            close(fds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return String(decoding: output, as: UTF8.self)
    }
}
