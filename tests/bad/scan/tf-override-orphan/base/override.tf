# An unaliased provider block needs no base: Terraform takes it for the
# default configuration. The variable merges into its declaration.
provider "azurerm" {
  features {}
  partner_id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
}

variable "telemetry" {
  default = false
}
