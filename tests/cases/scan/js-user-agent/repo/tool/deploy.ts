// The documented form: the SDK's user agent prefix.
const client = new ResourceManagementClient(cred, sub, {
  userAgentOptions: { userAgentPrefix: "pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301" },
});
