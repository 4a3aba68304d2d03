# Terraform refuses the whole module for this file, so the run fails
# whatever main.tf says.
provider "azurerm" {
  partner_id = "unterminated
}
