#!/bin/sh
# Not Partner Center's ID: the token goes on past -partnercenter.
echo pid-3104b0d6-e49a-4155-a6e8-80eee27ccf1f-partnercenterx
