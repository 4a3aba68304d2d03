from azure.core.pipeline.policies import UserAgentPolicy
# user_agent="pid-00000000-0000-0000-0000-000000000000"
client = ResourceManagementClient(cred, sub, user_agent="pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301")
x = """ unterminated
