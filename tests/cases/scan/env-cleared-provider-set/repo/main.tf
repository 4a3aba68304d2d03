provider "azurerm" {
  features {}
  partner_id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
}

provider "azapi" {
  partner_id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
}

resource "azurerm_resource_group" "app" {
  name     = "rg-app"
  location = "westeurope"
}

resource "azapi_resource" "vault" {
  type      = "Microsoft.KeyVault/vaults@2023-07-01"
  name      = "kv-app"
  parent_id = azurerm_resource_group.app.id
}
