resource "azurerm_resource_group" "rg" {
  name     = "rg-gd-platform"
  location = "northeurope"
}

resource "azapi_resource" "env" {
  type      = "Microsoft.App/managedEnvironments@2024-03-01"
  name      = "cae-gd-platform"
  parent_id = azurerm_resource_group.rg.id
  location  = "northeurope"
  body      = { properties = {} }
}
