import Foundation
import Testing
@testable import PanoramaKit

private func contents(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
}

private func mode(_ path: String) -> mode_t {
    var st = stat()
    lstat(path, &st)
    return st.st_mode
}

@Test func aSymlinkKeepsPointingAtItsReplacedTarget() throws {
    let dir = try scratchFolder()
    try "old".write(toFile: dir + "/target.csv", atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: dir + "/link.csv", withDestinationPath: "target.csv")
    try AtomicFile.write(Data("new".utf8), to: dir + "/link.csv")
    #expect(mode(dir + "/link.csv") & S_IFMT == S_IFLNK)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.csv") == "target.csv")
    #expect(contents(dir + "/target.csv") == "new")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["link.csv", "target.csv"])
}

@Test func theTargetsModeIsKept() throws {
    let dir = try scratchFolder()
    let path = dir + "/private.csv"
    try "old".write(toFile: path, atomically: false, encoding: .utf8)
    chmod(path, 0o640)
    try AtomicFile.write(Data("new".utf8), to: path)
    #expect(mode(path) & 0o7777 == 0o640)
    #expect(contents(path) == "new")
}

@Test func aNewFileGetsTheUsualModeNotTheTemporaryFilesOwnerOnlyOne() throws {
    let path = try scratchFolder() + "/new.csv"
    try AtomicFile.write(Data("x".utf8), to: path)
    let mask = umask(0)
    umask(mask)
    #expect(mode(path) & 0o7777 == 0o666 & ~mask)
}

@Test func aFIFOIsWrittenDirectlyAndStaysAFIFO() throws {
    let path = try scratchFolder() + "/pipe"
    #expect(mkfifo(path, 0o600) == 0)
    // The reader opens the FIFO first (non-blocking), so the writer's open does not wait.
    let reader = open(path, O_RDONLY | O_NONBLOCK)
    #expect(reader >= 0)
    defer { close(reader) }
    try AtomicFile.write(Data("through the pipe".utf8), to: path)
    var buffer = [UInt8](repeating: 0, count: 64)
    let n = Glibc.read(reader, &buffer, 64)
    #expect(String(decoding: buffer.prefix(max(n, 0)), as: UTF8.self) == "through the pipe")
    #expect(mode(path) & S_IFMT == S_IFIFO)
}

@Test func aFullDeviceSaysNoSpaceLeftOnDevice() throws {
    #expect(throws: DataError(file: "/dev/full", "no space left on device")) {
        try AtomicFile.write(Data("x".utf8), to: "/dev/full")
    }
    var st = stat()
    stat("/dev/full", &st)
    #expect(st.st_mode & S_IFMT == S_IFCHR)
}

@Test func aDiscardedWriteLeavesThePreviousFileAndNoTemporaryFile() throws {
    let dir = try scratchFolder()
    try "old".write(toFile: dir + "/keep.txt", atomically: false, encoding: .utf8)
    var file = try AtomicFile(path: dir + "/keep.txt")
    try file.append(Data("half of the new".utf8))
    #expect(contents(dir + "/keep.txt") == "old")
    file.discard()
    #expect(contents(dir + "/keep.txt") == "old")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["keep.txt"])
}

@Test func aMissingFolderIsNamed() {
    #expect(throws: DataError(file: "/nonexistent/dir/x.csv", "no such folder '/nonexistent/dir'")) {
        try AtomicFile.write(Data(), to: "/nonexistent/dir/x.csv")
    }
}

@Test func aPlantedSymlinkAtAPredictableTemporaryNameIsNotFollowed() throws {
    // The old writer used ".NAME.PID.tmp"; a link planted there must not receive the bytes.
    let dir = try scratchFolder()
    let victim = dir + "/victim"
    try "untouched".write(toFile: victim, atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: dir + "/.out.csv.\(getpid()).tmp", withDestinationPath: victim)
    try AtomicFile.write(Data("data".utf8), to: dir + "/out.csv")
    #expect(contents(victim) == "untouched")
    #expect(contents(dir + "/out.csv") == "data")
}
