import Foundation

/// Reads data files (CSV, XLSX) into frames.
public enum DataReader {
    /// Reads the file at `path`: XLSX by its extension (or ZIP signature), CSV otherwise.
    ///
    /// - Parameter displayName: the name used in messages (default: `path` as given).
    /// - Returns: the frame (with its notes) and the content hash of the file's bytes.
    /// - Throws: `DataError` naming file, line and column.
    public static func load(path: String, options: ReadOptions = ReadOptions(),
                            displayName: String? = nil) throws -> (frame: Frame, hash: String) {
        let name = displayName ?? path
        let buffer = try readFile(path, name: name)
        let hash = contentHash(UnsafeRawBufferPointer(start: buffer.base, count: buffer.count))
        let isZip = buffer.count >= 4 && buffer.base[0] == 0x50 && buffer.base[1] == 0x4B
            && buffer.base[2] == 0x03 && buffer.base[3] == 0x04
        if isZip || path.lowercased().hasSuffix(".xlsx") {
            let bytes = [UInt8](UnsafeBufferPointer(start: buffer.base, count: buffer.count))
            return (try XLSXReader.read(bytes: bytes, name: name, options: options), hash)
        }
        return (try CSVReader.read(buffer: buffer, name: name, options: options), hash)
    }

    /// The whole file, read with POSIX calls into one buffer.
    static func readFile(_ path: String, name: String) throws -> ByteBuffer {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "no such file" : errno == EACCES ? "permission denied" : "cannot open the file"
            throw DataError(file: name, reason)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw DataError(file: name, "cannot read the file") }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw DataError(file: name, "is a directory, not a data file") }
        let size = Int(st.st_size)
        guard size < Int(UInt32.max) - 16 else { throw DataError(file: name, "files over 4 GB are not supported") }
        let buffer = ByteBuffer(count: size)
        var done = 0
        while done < size {
            let r = read(fd, buffer.base + done, size - done)
            if r < 0 { if errno == EINTR { continue }; throw DataError(file: name, "cannot read the file") }
            if r == 0 { break }
            done += r
        }
        guard done == size else { throw DataError(file: name, "the file changed while it was read") }
        return buffer
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
