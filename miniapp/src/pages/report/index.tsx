import { ReportForm } from './ReportForm';

export default function ReportPage() {
  return <ReportForm kind='harm' />;
}
