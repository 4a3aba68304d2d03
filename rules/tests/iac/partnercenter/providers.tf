# The Partner Center id of the marketplace offer, reused for a Terraform
# deployment: azurerm refuses it, since its middle is not a GUID.
provider "azurerm" {
  features {}
  partner_id = "pid-contoso-analytics-partnercenter"
}
