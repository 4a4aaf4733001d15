"""Per rule: the bytes a file must also contain (one of) for the rule to fire there; empty: the SDK tokens
are enough. Generated from each rule's ``tokens`` by ``python -m codemod.rules.tokens --write``; do not edit.
"""

RULE_TOKENS: dict[str, tuple[bytes, ...]] = {
    'CM001': (),
    'CM002': (b'claude-migrate:',),
    'CM101': (b'budget_tokens', b'thinking',),
    'CM102': (b'budget_tokens', b'thinking',),
    'CM103': (b'effort',),
    'CM104': (b'task_budget',),
    'CM105': (b'thinking',),
    'CM106': (b'effort',),
    'CM107': (b'thinking',),
    'CM108': (b'budget_tokens',),
    'CM201': (b'temperature', b'top_p', b'top_k', b'AnthropicBedrockChatCompletionClient', b'AnthropicChatCompletionClient',),
    'CM301': (),
    'CM302': (),
    'CM303': (),
    'CM304': (),
    'CM401': (b'output_format',),
    'CM402': (b'beta',),
    'CM403': (b'completion', b'Completion', b'HUMAN_PROMPT', b'AI_PROMPT',),
    'CM404': (b'with_raw_response',),
    'CM405': (b'MessageParam',),
    'CM406': (b'betas',),
    'CM407': (b'Bedrock',),
    'CM408': (b'stream', b'compaction_control', b'Transport', b'httpx', b'BetaBase64PDFBlockParam',),
    'CM409': (b'user_profile_id', b'user-profile-id',),
    'CM410': (b'prompt_caching',),
    'CM501': (b'assistant',),
    'CM502': (b'tool_choice',),
    'CM503': (b'max_tokens',),
    'CM504': (b'max_tokens',),
    'CM505': (b'speed', b'fast-mode',),
    'CM601': (),
}

# Per rule: bytes that make a file worth parsing by themselves, SDK tokens or not.
ALONE_TOKENS: dict[str, tuple[bytes, ...]] = {
    'CM002': (b'claude-migrate:',),
    'CM101': (b'budget_tokens',),
    'CM108': (b'budget_tokens',),
}
