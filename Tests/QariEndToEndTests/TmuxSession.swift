import Foundation
import XCTest

/// The real `qari` binary in a detached tmux session on a private socket: keys go in with
/// `send-keys`, the screen comes back with `capture-pane -p`. Every wait polls with a
/// generous deadline, since the machine running the tests may be busy.
final class TmuxSession {
    static let repository = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// The binary under test: $QARI_BINARY, or the debug build `swift build` makes.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["QARI_BINARY"], !path.isEmpty { return path }
        return repository.appendingPathComponent(".build/debug/qari").path
    }
    static var seeds: String { repository.appendingPathComponent("seeds").path }
    /// The index cache of this test run: never the user's, shared by the sessions of one run.
    static let cacheFolder = NSTemporaryDirectory() + "qari-e2e-cache-\(getpid())"

    let socket: String
    let name = "qari"
    let exitFile: String

    /// Starts `qari ARGS` at `width` x `height`; when it ends its exit status goes to a file.
    /// With `interactiveShell`, qari runs as a job of an interactive bash instead, so that
    /// Ctrl-Z really stops it and `fg` brings it back, as for a user.
    /// `environment` goes before the command, after the test's own XDG folders, e.g. "LC_ALL=C"
    /// or "XDG_STATE_HOME=/tmp/x".
    init(arguments: [String], width: Int = 160, height: Int = 50, interactiveShell: Bool = false,
         environment: String = "") throws {
        socket = "qari-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        exitFile = NSTemporaryDirectory() + socket + ".exit"
        let quoted = ([Self.binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let run = "XDG_CONFIG_HOME=/nonexistent/qari-e2e XDG_CACHE_HOME='\(Self.cacheFolder)' XDG_STATE_HOME='\(Self.cacheFolder)/state' \(environment) \(quoted.joined(separator: " "))"
        let command = interactiveShell
            ? ["env", "PS1=$ ", "bash", "--norc", "--noprofile", "-i"]
            : ["sh", "-c", "\(run); echo $? > '\(exitFile)'; echo QARI_EXITED; sleep 600"]
        // The tmux server started here would inherit a pipe and keep it open: no output is read.
        try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)"] + command, readOutput: false)
        if interactiveShell {
            waitFor(text: "$")
            type(run)
            send("Enter")
        }
    }

    deinit {
        _ = try? tmux(["kill-server"], readOutput: false)
        try? FileManager.default.removeItem(atPath: exitFile)
    }

    @discardableResult
    func tmux(_ args: [String], readOutput: Bool = true) throws -> String {
        try Subprocess.run(["/usr/bin/env", "tmux", "-L", socket, "-f", "/dev/null"] + args, readOutput: readOutput)
    }

    func screen() -> String { (try? tmux(["capture-pane", "-p", "-t", name])) ?? "" }

    func send(_ keys: String...) { _ = try? tmux(["send-keys", "-t", name] + keys) }

    /// Types text literally (no key-name lookup).
    func type(_ text: String) { _ = try? tmux(["send-keys", "-t", name, "-l", text]) }

    /// Polls until `condition` holds on the screen; fails with the last screen after `timeout`.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 90, file: StaticString = #filePath, line: UInt = #line,
                 _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen()
            if condition(last) { return true }
            usleep(150_000)
        }
        XCTFail("timed out waiting for \(what); screen was:\n\(last)", file: file, line: line)
        return false
    }

    func waitFor(text: String, timeout: TimeInterval = 90, file: StaticString = #filePath, line: UInt = #line) {
        waitFor("\"\(text)\"", timeout: timeout, file: file, line: line) { $0.contains(text) }
    }

    /// True while the program has the terminal's alternate screen (curses mode).
    var alternateScreenOn: Bool {
        ((try? tmux(["display-message", "-p", "-t", name, "#{alternate_on}"])) ?? "").hasPrefix("1")
    }

    func waitForAlternateScreen(_ on: Bool, timeout: TimeInterval = 60, file: StaticString = #filePath, line: UInt = #line) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if alternateScreenOn == on { return }
            usleep(150_000)
        }
        XCTFail("alternate screen did not turn \(on ? "on" : "off")", file: file, line: line)
    }

    /// The exit status qari ended with, once it has.
    func waitForExit(timeout: TimeInterval = 60, file: StaticString = #filePath, line: UInt = #line) -> Int? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let s = try? String(contentsOfFile: exitFile, encoding: .utf8),
               let status = Int(s.trimmingCharacters(in: .whitespacesAndNewlines)) { return status }
            usleep(150_000)
        }
        XCTFail("qari did not exit", file: file, line: line)
        return nil
    }

    /// The pid of the qari process (the child of the pane's shell).
    func qariPID() -> Int32? {
        guard let shell = Int32(((try? tmux(["display-message", "-p", "-t", name, "#{pane_pid}"])) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        let out = (try? Subprocess.run(["/usr/bin/pgrep", "-P", "\(shell)", "-x", "qari"])) ?? ""
        return Int32(out.split(separator: "\n").first ?? "")
    }
}
