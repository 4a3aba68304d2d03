resource "azurerm_storage_account" "logs" {
  count = 0
  name  = "other"
}
