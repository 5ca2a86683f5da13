"""What every stage shares: findings and errors, numbers and numbering, the outline."""
