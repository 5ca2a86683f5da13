"""Reports the toolkit did not write (a Word report typed by hand, its forms), read within limits into a draft unit."""
