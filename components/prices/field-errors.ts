// The forms of the prices pages share the dashboard's field-error helpers.
export { fieldErrors, formMessage } from "@/components/ui/field-errors";
