gem
