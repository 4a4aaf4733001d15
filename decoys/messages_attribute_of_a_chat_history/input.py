"""A chat history object with its own .messages and a create method: not the Anthropic SDK."""

import anthropic

client = anthropic.Anthropic()


class History:
    def __init__(self) -> None:
        self.items: list[dict] = []

    def create(self, **entry: object) -> dict:
        self.items.append(entry)
        return entry


def record(session) -> None:
    messages = session.messages
    messages.create(model="gpt-4o", temperature=0.2, content="hello")
