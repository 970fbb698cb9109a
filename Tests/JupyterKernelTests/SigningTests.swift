import Foundation
import Testing
import ZeroMQ

/// HMAC-SHA256 against the test cases of RFC 4231 §4 (keys, data and expected MACs as printed there).
@Suite struct SigningTests {
    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            out.append(UInt8(hex[i..<j], radix: 16)!)
            i = j
        }
        return out
    }

    static let largeKey = [UInt8](repeating: 0xaa, count: 131)
    static let cases: [(key: [UInt8], data: [UInt8], mac: String)] = [
        ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (Array(1...25), [UInt8](repeating: 0xcd, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        (largeKey, Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        (largeKey, Array(("This is a test using a larger than block-size key and a larger than block-size data. "
                          + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test("HMAC-SHA256 gives the MACs of RFC 4231's test cases 1–4, 6 and 7", arguments: 0..<6)
    func rfc4231(_ index: Int) {
        let c = SigningTests.cases[index]
        #expect(HMACSHA256.hex([c.data], key: c.key) == c.mac)
    }

    @Test("RFC 4231 test case 5: the MAC truncated to 128 bits")
    func truncated() {
        let mac = HMACSHA256.authenticate([Array("Test With Truncation".utf8)], key: [UInt8](repeating: 0x0c, count: 20))
        #expect(Array(mac.prefix(16)) == SigningTests.bytes("a3b6167473100ee06e0c796c2955552b"))
    }

    @Test("Signing parts is signing their concatenation, whatever the split")
    func parts() {
        let key = Array("k".utf8)
        let whole = HMACSHA256.hex([Array("what do ya want for nothing?".utf8)], key: key)
        #expect(HMACSHA256.hex([Array("what do ya ".utf8), [], Array("want for nothing?".utf8)], key: key) == whole)
    }

    @Test("SHA-256 of the empty string and of FIPS 180-4's two-block message")
    func sha256() {
        #expect(SHA256.hash([[]]) == SigningTests.bytes("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
        #expect(SHA256.hash([Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)])
                == SigningTests.bytes("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"))
    }
}
