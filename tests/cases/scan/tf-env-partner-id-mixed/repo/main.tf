# Two scripts set ARM_PARTNER_ID: build.sh the pid- form, which azapi
# refuses, and deploy.sh the bare GUID, which it takes.
provider "azurerm" {
  features {}
}

provider "azapi" {}

resource "azurerm_storage_account" "logs" {
  name                     = "stlogsmixed"
  resource_group_name      = "rg-mixed"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azapi_resource" "workspace" {
  type      = "Microsoft.OperationalInsights/workspaces@2023-09-01"
  name      = "log-mixed"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-mixed"
  location  = "westeurope"
}
