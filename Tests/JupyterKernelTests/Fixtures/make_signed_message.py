"""Writes signed_message.json: an execute_request as jupyter_client's own Session signs and
frames it (HMAC-SHA256, key below), so the Swift tests check panorama against Jupyter's code.

Run: python3 Tests/JupyterKernelTests/Fixtures/make_signed_message.py (jupyter_client 8).
"""
import json
import os

from jupyter_client.session import Session

KEY = "a0436f6c-1916-498b-8eb9-e81ab9368e84"
session = Session(key=KEY.encode(), signature_scheme="hmac-sha256", session="fixture-session", username="analyst")
message = session.msg("execute_request", content={"code": "x = 1 + 1\nx", "silent": False, "store_history": True,
                                                  "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
frames = [b"client-identity"] + session.serialize(message)
out = {"key": KEY, "frames": [f.decode() for f in frames], "msg_id": message["header"]["msg_id"]}
with open(os.path.join(os.path.dirname(__file__), "signed_message.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
