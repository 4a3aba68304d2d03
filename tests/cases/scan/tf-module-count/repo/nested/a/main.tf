# Called only through a call that makes no instance.
module "b" {
  source = "./b"
}
