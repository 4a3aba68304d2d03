from azure.identity import DefaultAzureCredential
from azure.mgmt.resource import ResourceManagementClient

# A user agent of the product's own, with no pid in it.
client = ResourceManagementClient(
    DefaultAzureCredential(), SUBSCRIPTION, user_agent="fabrikam-app/2.1"
)
