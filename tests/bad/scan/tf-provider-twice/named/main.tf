# Named alone, this file is read with a.tf and b.tf, whose two default
# azurerm blocks make Terraform refuse the module it belongs to.
resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "westeurope"
}
