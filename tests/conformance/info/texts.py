"""Writes the protocol's model and field descriptions, as connector-py
4.191.0 publishes them in its generated models, to
connector/src/models/protocol_texts.json: the texts `info` and `app_info`
give for the standard models."""

import enum
import inspect
import json
import pathlib

import connector_sdk_types.generated as generated
import pydantic

TARGET = pathlib.Path(__file__).resolve().parents[3] / "connector" / "src" / "models" / "protocol_texts.json"


def texts():
    out = {}
    for name in sorted(dir(generated)):
        cls = getattr(generated, name)
        if not inspect.isclass(cls):
            continue
        if issubclass(cls, pydantic.BaseModel):
            schema = cls.model_json_schema()
        elif issubclass(cls, enum.Enum):
            schema = pydantic.TypeAdapter(cls).json_schema()
        else:
            continue
        entry = {}
        if "description" in schema:
            entry["description"] = schema["description"]
        properties = {
            key: value["description"]
            for key, value in schema.get("properties", {}).items()
            if "description" in value
        }
        if properties:
            entry["properties"] = properties
        out[name] = entry
    return out


if __name__ == "__main__":
    with open(TARGET, "w", encoding="utf-8") as file:
        json.dump(texts(), file, indent=1, sort_keys=True, ensure_ascii=False)
        file.write("\n")
