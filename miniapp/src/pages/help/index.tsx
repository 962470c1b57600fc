import { ReportForm } from '../report/ReportForm';

export default function HelpPage() {
  return <ReportForm kind='help' />;
}
