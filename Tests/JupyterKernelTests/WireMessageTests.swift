import Foundation
import Testing
@testable import JupyterKernel

/// The wire frames, checked against a message framed and signed by jupyter_client's own
/// `Session` (Fixtures/make_signed_message.py wrote signed_message.json).
@Suite struct WireMessageTests {
    struct Fixture: Decodable {
        let key: String
        let frames: [String]
        let msg_id: String
    }

    static func fixture() throws -> Fixture {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/signed_message", withExtension: "json"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    @Test("A message signed by jupyter_client parses: identity, header, content, signature accepted")
    func parsesJupyterClientFrames() throws {
        let f = try WireMessageTests.fixture()
        let message = try WireMessage(frames: f.frames.map { Array($0.utf8) }, key: Array(f.key.utf8))
        #expect(message.identities == [Array("client-identity".utf8)])
        #expect(message.type == "execute_request")
        #expect(message.header["msg_id"] as? String == f.msg_id)
        #expect(message.content["code"] as? String == "x = 1 + 1\nx")
        #expect(message.content["silent"] as? Bool == false)
        #expect(message.parentHeader.isEmpty && message.buffers.isEmpty)
    }

    @Test("The same frames with one content byte changed, or the wrong key, are refused")
    func refusesForgeries() throws {
        let f = try WireMessageTests.fixture()
        var frames = f.frames.map { Array($0.utf8) }
        #expect(throws: WireMessage.ParseError.badSignature) {
            try WireMessage(frames: frames, key: Array("another key".utf8))
        }
        frames[6][frames[6].count - 2] = UInt8(ascii: "f")
        #expect(throws: WireMessage.ParseError.badSignature) {
            try WireMessage(frames: frames, key: Array(f.key.utf8))
        }
    }

    @Test("Frames without a delimiter or with too few parts are errors, not crashes")
    func malformed() {
        #expect(throws: WireMessage.ParseError.noDelimiter) { try WireMessage(frames: [Array("x".utf8)], key: []) }
        #expect(throws: WireMessage.ParseError.missingFrames(2)) {
            try WireMessage(frames: [WireMessage.delimiter, [], Array("{}".utf8)], key: [])
        }
        #expect(throws: WireMessage.ParseError.notAnObject("content")) {
            try WireMessage(frames: [WireMessage.delimiter, []] + ["{}", "{}", "{}", "[1]"].map { Array($0.utf8) }, key: [])
        }
    }

    @Test("A serialised message is signed as jupyter_client signs: the HMAC of its four JSON frames")
    func serialisesAndSigns() throws {
        let key = Array("secret".utf8)
        let header = WireMessage.header(type: "execute_reply", session: "s")
        let message = WireMessage(identities: [Array("id".utf8)], header: header, parentHeader: ["msg_id": "p"],
                                  content: ["status": "ok", "execution_count": 3], buffers: [[1, 2, 3]])
        let frames = message.frames(key: key)
        #expect(frames.count == 8)
        #expect(frames[0] == Array("id".utf8) && frames[1] == WireMessage.delimiter && frames[7] == [1, 2, 3])
        let back = try WireMessage(frames: frames, key: key)
        #expect(back.type == "execute_reply")
        #expect(back.parentHeader["msg_id"] as? String == "p")
        #expect(back.content["execution_count"] as? Int == 3)
        #expect(back.buffers == [[1, 2, 3]])
        // An empty key means unsigned messages (an empty signature frame).
        #expect(message.frames(key: [])[2].isEmpty)
    }

    @Test("Header dates are ISO 8601 in UTC with microseconds")
    func dates() {
        #expect(WireMessage.timestamp(Date(timeIntervalSince1970: 1_700_000_000.25)) == "2023-11-14T22:13:20.250000Z")
    }
}
