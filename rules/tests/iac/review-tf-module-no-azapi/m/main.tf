locals {
  prefix = "tailspin"
}

output "prefix" {
  value = local.prefix
}
